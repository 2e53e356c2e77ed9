//! Headless Chromium, driven over the DevTools protocol: a tab at a phone or desktop size,
//! with the few verbs the journeys need, each waiting for the app instead of sleeping.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams;
use chromiumoxide::cdp::browser_protocol::input::{
    DispatchKeyEventParams, DispatchKeyEventType, InsertTextParams,
};
use chromiumoxide::cdp::browser_protocol::network;
use chromiumoxide::cdp::browser_protocol::page::CaptureScreenshotFormat;
use chromiumoxide::cdp::browser_protocol::target::SetAutoAttachParams;
use chromiumoxide::cdp::js_protocol::runtime::EvaluateParams;
use chromiumoxide::page::ScreenshotParams;
use chromiumoxide::{Browser, BrowserConfig, Page};
use futures::StreamExt;
use serde_json::Value;

const PATIENCE: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewport {
    Phone,
    /// The narrowest phones still in use (360 CSS px wide).
    NarrowPhone,
    Desktop,
}

impl Viewport {
    pub fn name(self) -> &'static str {
        match self {
            Viewport::Phone => "phone",
            Viewport::NarrowPhone => "phone-360",
            Viewport::Desktop => "desktop",
        }
    }

    fn metrics(self) -> (i64, i64, f64, bool) {
        match self {
            Viewport::Phone => (390, 844, 2.0, true),
            Viewport::NarrowPhone => (360, 740, 2.0, true),
            Viewport::Desktop => (1280, 800, 1.0, false),
        }
    }
}

pub struct Tab {
    page: Page,
    viewport: Viewport,
    /// Shared by the tabs of one browser; the browser closes with its last tab.
    browser: Arc<Browser>,
    _profile: Arc<tempdir::Profile>,
}

mod tempdir {
    pub struct Profile(pub std::path::PathBuf);
    impl Drop for Profile {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Tab {
    /// A fresh browser (its own empty profile) with one tab at `viewport`'s size.
    pub async fn open(viewport: Viewport) -> Tab {
        let chrome =
            std::env::var("FOURFLOW_E2E_CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
        assert!(
            std::path::Path::new(&chrome).exists(),
            "no Chromium at {chrome}: install it (`cargo xtask test` does) or set FOURFLOW_E2E_CHROME"
        );
        let profile = std::env::temp_dir().join(format!(
            "fourflow-e2e-chrome-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let (w, h, _, _) = viewport.metrics();
        let config = BrowserConfig::builder()
            .chrome_executable(&chrome)
            .no_sandbox()
            .user_data_dir(&profile)
            .window_size(w as u32, h as u32)
            .viewport(None)
            // Without these, Chromium tries to reach Google's services and stalls on a closed
            // network (TOOLCHAIN.md).
            .args([
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=zh-TW",
            ])
            .launch_timeout(Duration::from_secs(60))
            .build()
            .expect("browser config");
        let (browser, mut handler) = Browser::launch(config).await.expect("launch Chromium");
        tokio::spawn(async move { while handler.next().await.is_some() {} });
        Tab::in_browser(
            Arc::new(browser),
            Arc::new(tempdir::Profile(profile)),
            viewport,
        )
        .await
    }

    /// Another tab of the same browser (same profile: same `localStorage`).
    pub async fn another_tab(&self) -> Tab {
        Tab::in_browser(self.browser.clone(), self._profile.clone(), self.viewport).await
    }

    /// Another tab of the same browser (signed in alike) at another size.
    pub async fn another_tab_at(&self, viewport: Viewport) -> Tab {
        Tab::in_browser(self.browser.clone(), self._profile.clone(), viewport).await
    }

    async fn in_browser(
        browser: Arc<Browser>,
        profile: Arc<tempdir::Profile>,
        viewport: Viewport,
    ) -> Tab {
        let page = browser.new_page("about:blank").await.expect("open a tab");
        // chromiumoxide pauses every new target until a debugger resumes it, and detaches from
        // service workers, which then never start. Workers must run as they would for a
        // shopper: new targets start at once.
        page.execute(
            SetAutoAttachParams::builder()
                .auto_attach(true)
                .wait_for_debugger_on_start(false)
                .flatten(true)
                .build()
                .unwrap(),
        )
        .await
        .expect("let workers start");
        emulate(&page, viewport).await;
        Tab {
            page,
            viewport,
            browser,
            _profile: profile,
        }
    }

    /// Loads `url` and waits until the app (not the static shell) is on screen.
    pub async fn goto(&self, url: &str) {
        self.page.goto(url).await.expect("navigate");
        self.wait_for("button.lang-switch").await;
    }

    /// Loads a page that is not the app (a payment provider's), and waits for `selector`.
    pub async fn goto_page(&self, url: &str, selector: &str) {
        self.page.goto(url).await.expect("navigate");
        self.wait_for(selector).await;
    }

    /// The browser's own network emulation: offline (`navigator.onLine` false, requests fail)
    /// or back online. (CDP marks this command deprecated in favour of per-rule emulation,
    /// which chromiumoxide 0.9 does not have; Chromium still honours it.)
    #[allow(deprecated)]
    pub async fn set_offline(&self, offline: bool) {
        self.page
            .execute(network::EnableParams::default())
            .await
            .expect("enable the network domain");
        self.page
            .execute(
                network::EmulateNetworkConditionsParams::builder()
                    .offline(offline)
                    .latency(0.0)
                    .download_throughput(-1.0)
                    .upload_throughput(-1.0)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("emulate the network");
    }

    pub async fn reload(&self) {
        self.page.reload().await.expect("reload");
        self.wait_for("button.lang-switch").await;
    }

    pub async fn back(&self) {
        self.eval("history.back()").await;
    }

    /// Evaluates `js` in the page; a promise is awaited.
    pub async fn eval(&self, js: &str) -> Value {
        let params = EvaluateParams::builder()
            .expression(js)
            .await_promise(true)
            .return_by_value(true)
            .build()
            .unwrap();
        let result = self
            .page
            .evaluate_expression(params)
            .await
            .unwrap_or_else(|e| panic!("{js}: {e}"));
        result.value().cloned().unwrap_or(Value::Null)
    }

    /// Waits until `js` is truthy, failing with `what` after a while.
    pub async fn wait_until(&self, js: &str, what: &str) {
        let start = Instant::now();
        loop {
            let value = self
                .page
                .evaluate(js)
                .await
                .ok()
                .and_then(|r| r.value().cloned());
            if matches!(value, Some(ref v) if truthy(v)) {
                return;
            }
            if start.elapsed() > PATIENCE {
                let url = self.url().await;
                self.screenshot("timeout").await;
                panic!("timed out waiting for {what} ({js}) on {url}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn wait_for(&self, selector: &str) {
        self.wait_until(
            &format!("!!document.querySelector({})", js_str(selector)),
            selector,
        )
        .await;
    }

    pub async fn click(&self, selector: &str) {
        // A tab in the background renders lazily and may never answer a click.
        self.page
            .bring_to_front()
            .await
            .expect("bring the tab to the front");
        // The app may render the element again between finding and clicking it (a price or
        // the session arriving): the node found is then gone, and the new one is clicked.
        let mut attempts = 0;
        loop {
            self.wait_for(selector).await;
            let clicked = match self.page.find_element(selector).await {
                Ok(element) => element.click().await.map(|_| ()),
                Err(error) => Err(error),
            };
            match clicked {
                Ok(()) => return,
                Err(error) if attempts < 5 => {
                    attempts += 1;
                    eprintln!("click {selector}: {error}; trying again");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("click {selector}: {error}"),
            }
        }
    }

    /// Clicks the first element matching `selector` whose text contains `text`.
    pub async fn click_text(&self, selector: &str, text: &str) {
        let marker = format!(
            "(() => {{ const el = [...document.querySelectorAll({})].find(e => e.textContent.includes({})); \
             if (!el) return false; el.setAttribute('data-e2e-target', '1'); return true; }})()",
            js_str(selector),
            js_str(text)
        );
        self.wait_until(&marker, &format!("{selector} with text {text:?}"))
            .await;
        self.click("[data-e2e-target]").await;
        self.eval(
            "document.querySelector('[data-e2e-target]')?.removeAttribute('data-e2e-target')",
        )
        .await;
    }

    /// Types text as an input method commits it, so Chinese goes in like a real keyboard's.
    pub async fn type_text(&self, text: &str) {
        self.page
            .execute(InsertTextParams::new(text))
            .await
            .expect("insert text");
    }

    pub async fn press(&self, key: &str) {
        for kind in [DispatchKeyEventType::KeyDown, DispatchKeyEventType::KeyUp] {
            let mut event = DispatchKeyEventParams::builder()
                .r#type(kind)
                .key(key)
                .code(key);
            if key == "Enter" {
                event = event.text("\r").windows_virtual_key_code(13);
            }
            if key == "ArrowDown" {
                event = event.windows_virtual_key_code(40);
            }
            self.page
                .execute(event.build().unwrap())
                .await
                .expect("key");
        }
    }

    pub async fn text(&self, selector: &str) -> String {
        self.wait_for(selector).await;
        let js = format!("document.querySelector({})?.textContent", js_str(selector));
        let text = self.eval(&js).await;
        text.as_str()
            .unwrap_or_else(|| panic!("{selector} went away before it was read: {text}"))
            .trim()
            .to_owned()
    }

    pub async fn texts(&self, selector: &str) -> Vec<String> {
        let js = format!(
            "[...document.querySelectorAll({})].map(e => e.textContent.trim())",
            js_str(selector)
        );
        let texts = self.eval(&js).await;
        // A failed read is no empty list: an emptiness check would pass on it.
        serde_json::from_value(texts.clone())
            .unwrap_or_else(|_| panic!("the texts of {selector} were not read: {texts}"))
    }

    pub async fn url(&self) -> String {
        let url = self.eval("location.pathname + location.search").await;
        url.as_str()
            .unwrap_or_else(|| panic!("no URL: {url}"))
            .to_owned()
    }

    /// Saves `target/e2e/{viewport}-{name}.png`, the whole page.
    pub async fn screenshot(&self, name: &str) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
        std::fs::create_dir_all(&dir).expect("create target/e2e");
        let path = dir.join(format!("{}-{name}.png", self.viewport.name()));
        let params = ScreenshotParams::builder()
            .format(CaptureScreenshotFormat::Png)
            .full_page(true)
            .build();
        self.page
            .save_screenshot(params, &path)
            .await
            .expect("screenshot");
        // A whole-page capture resizes the view to the page and then clears every override,
        // leaving the bare window (wider than a phone): the viewport is set again.
        emulate(&self.page, self.viewport).await;
    }
}

/// Gives the tab `viewport`'s size, pixel density and (for a phone) touch-screen behaviour.
async fn emulate(page: &Page, viewport: Viewport) {
    let (width, height, scale, mobile) = viewport.metrics();
    page.execute(
        SetDeviceMetricsOverrideParams::builder()
            .width(width)
            .height(height)
            .device_scale_factor(scale)
            .mobile(mobile)
            .build()
            .unwrap(),
    )
    .await
    .expect("set the viewport");
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Null => false,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// A Rust string as a JavaScript string literal.
pub fn js_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}
