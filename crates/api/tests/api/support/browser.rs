//! The suite's one HTTP client: a browser that keeps its session cookie and sends the CSRF
//! header, as the web client does. Without a cookie it is an anonymous shopper or a guest.

use serde_json::{json, Value};

use super::app::TestApp;
use super::orders::Order;

pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookie: Option<String>,
    pub csrf: bool,
}

/// What the shop answered: the status, the body (JSON, or the text as a string) and headers.
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Answer {
    pub fn code(&self) -> Option<&str> {
        self.body["error"]["code"].as_str()
    }

    pub fn field(&self) -> Option<&str> {
        self.body["error"]["field"].as_str()
    }

    /// The `fourflow_session=…` pair this answer sets, if it sets one.
    pub fn session_cookie(&self) -> Option<String> {
        self.set_cookie()
            .and_then(|c| c.split(';').next().map(str::to_owned))
    }

    pub fn set_cookie(&self) -> Option<String> {
        self.headers
            .get("set-cookie")
            .map(|v| v.to_str().unwrap().to_owned())
    }
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            cookie: None,
            csrf: true,
        }
    }

    /// A request to `path` carrying this browser's cookie and CSRF header, for bodies that
    /// are not JSON and answers read as bytes or headers.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.app.request(method, path);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        if self.csrf {
            request = request.header("x-fourflow-csrf", "1");
        }
        request
    }

    pub async fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        self.send_with(method, path, body, &[]).await
    }

    pub async fn send_with(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.request(method, path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("the shop answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("the body");
        Answer {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
            headers,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send("POST", path, Some(body)).await
    }

    /// Signs in; on success keeps the new cookie.
    pub async fn login(&mut self, email: &str, password: &str) -> Answer {
        let answer = self
            .post(
                "/api/v1/auth/login",
                &json!({ "email": email, "password": password }),
            )
            .await;
        if let Some(cookie) = answer.session_cookie() {
            self.cookie = Some(cookie);
        }
        answer
    }

    /// Sends `order` (the body of `POST /api/v1/orders`) under the idempotency `key`.
    pub async fn send_order(&self, key: &str, order: &Value) -> Answer {
        self.send_with(
            "POST",
            "/api/v1/orders",
            Some(order),
            &[("idempotency-key", key)],
        )
        .await
    }

    /// Places `order` under a key of its own; it must succeed.
    pub async fn place_order(&self, order: &Value) -> Order {
        let key = format!("order-{}", rand::random::<u64>());
        let placed = self.send_order(&key, order).await;
        assert_eq!(placed.status, 201, "{}", placed.body);
        let text = |k: &str| {
            placed.body[k]
                .as_str()
                .unwrap_or_else(|| panic!("no {k} in {}", placed.body))
                .to_owned()
        };
        Order {
            number: text("number"),
            token: text("access_token"),
        }
    }
}
