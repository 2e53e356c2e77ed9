//! Content: drafts seen only through their preview link, publishing now or on a schedule the
//! clock drives, two editors who cannot overwrite each other, versions compared and reverted,
//! and Markdown that can never carry a script to a shopper's page. Product copy, which becomes
//! the catalog's, is `product_copy`.

mod product_copy;

use fourflow_api::services::content::run_schedule;
use fourflow_core::staff::Role;
use serde_json::{json, Value};

use crate::support::{member, Browser, TestApp, NOW};

fn home(headline: &str) -> Value {
    json!({
        "title": { "zh_tw": "四流選物", "en": "Fourflow" },
        "blocks": [
            { "type": "hero", "image": "/demo/categories/tea.svg",
              "headline": { "zh_tw": headline, "en": "Autumn tea" },
              "cta": { "zh_tw": "逛茶品", "en": "Shop tea" }, "link": "/categories/tea" },
            { "type": "promo_strip", "text": { "zh_tw": "全館滿千免運", "en": "Free shipping over NT$1,000" } },
            { "type": "collection", "title": { "zh_tw": "本週精選", "en": "This week" },
              "products": ["alishan-high-mountain-oolong"] },
        ],
    })
}

pub(super) fn article(markdown: &str) -> Value {
    json!({
        "title": { "zh_tw": "退換貨說明", "en": "Returns" },
        "markdown": { "zh_tw": markdown, "en": markdown },
    })
}

/// A marketer signed in as `email`: two of them edit side by side.
pub(super) async fn editor<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    member(app, email, Role::Marketer).await.0
}

pub(super) async fn save(m: &Browser<'_>, path: &str, base: u32, body: Value) -> (u16, Value) {
    let answer = m
        .send(
            "PUT",
            &format!("/api/v1/admin/content/{path}"),
            Some(&json!({ "base_version": base, "body": body })),
        )
        .await;
    (answer.status, answer.body)
}

pub(super) async fn publish(m: &Browser<'_>, path: &str, request: Value) -> (u16, Value) {
    let answer = m
        .post(&format!("/api/v1/admin/content/{path}/publish"), &request)
        .await;
    (answer.status, answer.body)
}

/// What a shopper gets at the page (status and body).
async fn shopper(app: &TestApp, path: &str) -> (u16, Value) {
    app.get(&format!("/api/v1/content/{path}")).await
}

fn token(doc: &Value) -> String {
    doc["preview_url"]
        .as_str()
        .unwrap()
        .split("preview=")
        .nth(1)
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_draft_is_previewed_by_link_then_published_for_shoppers() {
    let app = TestApp::spawn().await;
    let m = editor(&app, "mei@example.tw").await;
    let (status, doc) = save(&m, "home/home", 0, home("秋日茶會")).await;
    assert_eq!(status, 200, "{doc}");
    assert_eq!(
        (&doc["version"], &doc["published_version"]),
        (&json!(1), &Value::Null)
    );
    assert!(doc["preview_url"]
        .as_str()
        .unwrap()
        .starts_with("/?preview="));
    assert_eq!(
        shopper(&app, "home/home").await.0,
        404,
        "a draft is not the shop's"
    );
    assert_eq!(shopper(&app, "home/home?preview=guess").await.0, 404);
    let (status, preview) = shopper(&app, &format!("home/home?preview={}", token(&doc))).await;
    assert_eq!((status, &preview["preview"]), (200, &json!(true)));
    assert_eq!(preview["blocks"][0]["headline"]["zh_tw"], "秋日茶會");
    // A collection reaches shoppers as product cards, priced and stocked as now.
    let card = &preview["blocks"][2]["products"][0];
    assert_eq!(card["slug"], "alishan-high-mountain-oolong");
    assert_eq!(
        (&card["price"]["amount"], &card["in_stock"]),
        (&json!(68_000), &json!(true))
    );

    let (status, live) = publish(&m, "home/home", json!({ "version": 1 })).await;
    assert_eq!(status, 200, "{live}");
    assert_eq!(live["published_version"], 1);
    let (status, page) = shopper(&app, "home/home").await;
    assert_eq!(
        (status, &page["version"], &page["preview"]),
        (200, &json!(1), &json!(false))
    );

    let (status, _) = save(&m, "home/home", 1, home("冬日暖茶")).await;
    assert_eq!(status, 200);
    assert_eq!(
        shopper(&app, "home/home").await.1["blocks"][0]["headline"]["zh_tw"],
        "秋日茶會",
        "the draft waits"
    );
    let (_, preview) = shopper(&app, &format!("home/home?preview={}", token(&doc))).await;
    assert_eq!(preview["blocks"][0]["headline"]["zh_tw"], "冬日暖茶");
}

#[tokio::test]
async fn two_editors_never_overwrite_each_other() {
    let app = TestApp::spawn().await;
    let mei = editor(&app, "mei@example.tw").await;
    let hao = editor(&app, "hao@example.tw").await;
    assert_eq!(
        save(&mei, "landing/autumn-tea", 0, home("秋茶")).await.0,
        200
    );
    // Both open version 1; Mei saves first.
    assert_eq!(
        save(&mei, "landing/autumn-tea", 1, home("秋茶 by Mei"))
            .await
            .0,
        200
    );
    let (status, refused) = save(&hao, "landing/autumn-tea", 1, home("秋茶 by Hao")).await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(
        (&refused["error"]["code"], &refused["error"]["field"]),
        (&json!("version_conflict"), &json!("base_version"))
    );
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("version 2"));
    let doc = hao
        .get("/api/v1/admin/content/landing/autumn-tea")
        .await
        .body;
    assert_eq!(
        (
            &doc["version"],
            &doc["body"]["blocks"][0]["headline"]["zh_tw"]
        ),
        (&json!(2), &json!("秋茶 by Mei"))
    );
    // A second "first save" of the same page is just as stale.
    assert_eq!(
        save(&hao, "landing/autumn-tea", 0, home("new")).await.0,
        409
    );
}

#[tokio::test]
async fn a_schedule_publishes_and_unpublishes_as_the_clock_moves() {
    let app = TestApp::spawn().await;
    let m = editor(&app, "mei@example.tw").await;
    save(&m, "landing/double-eleven", 0, home("雙十一")).await;
    let (status, doc) = publish(
        &m,
        "landing/double-eleven",
        json!({ "version": 1, "at": NOW + 3_600, "unpublish_at": NOW + 7_200 }),
    )
    .await;
    assert_eq!(status, 200, "{doc}");
    assert_eq!(
        (&doc["scheduled_version"], &doc["publish_at"]),
        (&json!(1), &json!(NOW + 3_600))
    );
    assert_eq!(run_schedule(&app.state).await.unwrap(), 0);
    assert_eq!(shopper(&app, "landing/double-eleven").await.0, 404);

    app.state.clock.set(NOW + 3_600);
    assert_eq!(run_schedule(&app.state).await.unwrap(), 1);
    assert_eq!(shopper(&app, "landing/double-eleven").await.0, 200);
    assert_eq!(
        run_schedule(&app.state).await.unwrap(),
        0,
        "carried out once"
    );
    app.state.clock.set(NOW + 7_200);
    assert_eq!(run_schedule(&app.state).await.unwrap(), 1);
    assert_eq!(shopper(&app, "landing/double-eleven").await.0, 404);

    let (status, bad) = publish(
        &m,
        "landing/double-eleven",
        json!({ "version": 1, "unpublish_at": NOW }),
    )
    .await;
    assert_eq!(
        (status, bad["error"]["field"].as_str()),
        (400, Some("unpublish_at"))
    );
    let (status, bad) = publish(&m, "landing/double-eleven", json!({ "version": 9 })).await;
    assert_eq!(
        (status, bad["error"]["field"].as_str()),
        (400, Some("version"))
    );
}

#[tokio::test]
async fn versions_are_compared_and_an_old_one_brought_back() {
    let app = TestApp::spawn().await;
    let m = editor(&app, "mei@example.tw").await;
    save(&m, "help/returns", 0, article("七天鑑賞期內可退貨。")).await;
    save(
        &m,
        "help/returns",
        1,
        article("十四天內可退貨。\n\n免運費。"),
    )
    .await;
    let diff = m.get("/api/v1/admin/content/help/returns/diff/1/2").await;
    assert_eq!(diff.status, 200, "{}", diff.body);
    let ops: Vec<(&str, &str)> = diff
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["op"] != "same")
        .map(|l| (l["op"].as_str().unwrap(), l["line"].as_str().unwrap()))
        .collect();
    assert!(
        ops.contains(&("removed", "markdown.zh_tw: 七天鑑賞期內可退貨。")),
        "{ops:?}"
    );
    assert!(
        ops.contains(&("added", "markdown.zh_tw: 免運費。")),
        "{ops:?}"
    );

    let reverted = m
        .post(
            "/api/v1/admin/content/help/returns/revert",
            &json!({ "base_version": 2, "to_version": 1 }),
        )
        .await;
    assert_eq!(reverted.status, 200, "{}", reverted.body);
    assert_eq!(reverted.body["version"], 3);
    assert_eq!(
        reverted.body["body"]["markdown"]["zh_tw"],
        "七天鑑賞期內可退貨。"
    );
    assert_eq!(
        reverted.body["versions"][0]["note"],
        "reverted to version 1"
    );
    let stale = m
        .post(
            "/api/v1/admin/content/help/returns/revert",
            &json!({ "base_version": 2, "to_version": 1 }),
        )
        .await;
    assert_eq!(stale.status, 409);
    let missing = m.get("/api/v1/admin/content/help/returns/diff/1/7").await;
    assert_eq!((missing.status, missing.field()), (400, Some("to")));
}

#[tokio::test]
async fn bad_content_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let m = editor(&app, "mei@example.tw").await;
    let with = |change: fn(&mut Value)| {
        let mut body = home("秋");
        change(&mut body);
        body
    };
    for (path, body, field) in [
        (
            "home/home",
            with(|b| b["blocks"][0]["link"] = json!("javascript:alert(1)")),
            "body.blocks[0].link",
        ),
        (
            "home/home",
            with(|b| b["blocks"][0]["link"] = json!("//evil.example")),
            "body.blocks[0].link",
        ),
        (
            "home/home",
            with(|b| b["blocks"][0]["image"] = json!("https://evil.example/x.png")),
            "body.blocks[0].image",
        ),
        (
            "home/home",
            with(|b| b["blocks"][2]["products"] = json!(["no-such-thing"])),
            "body.blocks[2].products[0]",
        ),
        (
            "home/home",
            with(|b| b["blocks"] = json!([])),
            "body.blocks",
        ),
        (
            "home/home",
            with(|b| b["title"]["zh_tw"] = json!("")),
            "body.title.zh_tw",
        ),
        (
            "home/home",
            with(|b| b["blocks"][1]["type"] = json!("marquee")),
            "body.blocks[1].type",
        ),
        ("home/elsewhere", home("秋"), "slug"),
        ("landing/Bad Slug", home("秋"), "slug"),
        ("banner/home", home("秋"), "kind"),
        ("help/returns", home("秋"), "body.blocks"),
    ] {
        let (status, answer) = save(&m, path, 0, body).await;
        assert_eq!(
            (status, answer["error"]["field"].as_str()),
            (400, Some(field)),
            "{path}: {answer}"
        );
    }
    let (status, _) = shopper(&app, "home/home").await;
    assert_eq!(status, 404, "nothing was saved");
}

/// Hostile Markdown typed by a marketer, and what none of it may leave in a shopper's page.
const HOSTILE: [&str; 24] = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "![x](javascript:alert(1))",
    "<body onload=alert(1)>",
    "<div onmouseover=\"alert(1)\">hover</div>",
    "<object data=\"https://evil.example/x.swf\"></object>",
    "<embed src=\"https://evil.example/x.swf\">",
    "<form action=\"https://evil.example\"><input name=p></form>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
];

#[tokio::test]
async fn no_marketers_markdown_carries_a_script_to_a_shopper() {
    let app = TestApp::spawn().await;
    let m = editor(&app, "mei@example.tw").await;
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let slug = format!("help/hostile-{i}");
        let mut body = article(&format!("說明 {hostile} 結束"));
        body["title"]["en"] = json!(format!("Case {i}"));
        let (status, saved) = save(&m, &slug, 0, body).await;
        assert_eq!(status, 200, "{hostile}: {saved}");
        assert_eq!(publish(&m, &slug, json!({ "version": 1 })).await.0, 200);
        let landing = format!("landing/hostile-{i}");
        let page = json!({ "title": { "zh_tw": "x", "en": "x" },
            "blocks": [{ "type": "text", "markdown": { "zh_tw": hostile, "en": hostile } }] });
        assert_eq!(save(&m, &landing, 0, page).await.0, 200);
        assert_eq!(publish(&m, &landing, json!({ "version": 1 })).await.0, 200);

        let (_, article) = shopper(&app, &slug).await;
        let (_, landing) = shopper(&app, &landing).await;
        // What must be missing is checked on a page that is there: the words around it.
        let text = article["html"]["zh_tw"].as_str().unwrap();
        assert!(text.contains("說明"), "{hostile} → {text}");
        for html in [
            article["html"]["zh_tw"].as_str().unwrap(),
            article["html"]["en"].as_str().unwrap(),
            landing["blocks"][0]["html"]["zh_tw"].as_str().unwrap(),
        ] {
            let lower = html.to_lowercase();
            for bad in [
                "<script",
                "javascript:",
                "vbscript:",
                "data:text/html",
                "onerror",
                "onload",
                "onmouseover",
                "ontoggle",
                "<iframe",
                "srcdoc",
                "<object",
                "<embed",
                "<form",
                "<style",
                "<meta",
                "<svg",
            ] {
                assert!(!lower.contains(bad), "{hostile} → {html}");
            }
        }
    }
}
