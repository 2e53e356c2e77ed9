//! Putting the server together: database, read models, middleware, listener.

use std::future::Future;
use std::time::Duration;

use anyhow::Context;
use axum::http::{HeaderName, Request, StatusCode};
use axum::Router;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use std::sync::Arc;

use crate::carriers::Carrier;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::email;
use crate::error::ApiError;
use crate::fulfilment::AutoFulfil;
use crate::invoices::sandbox::SandboxIssuer;
use crate::invoices::InvoiceIssuer;
use crate::payments::sandbox::Sandbox;
use crate::payments::PaymentProvider;
use crate::routes;
use crate::services::catalog::CatalogService;
use crate::session::AccountConfig;

/// What every request handler can reach. Nothing here holds per-process state that another
/// replica would need: the database is the source of truth, the rest are caches of it.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub catalog: CatalogService,
    pub clock: Clock,
    pub payments: Arc<dyn PaymentProvider>,
    pub accounts: Arc<AccountConfig>,
    pub carrier: Arc<dyn Carrier>,
    /// Whether orders are packed and handed over by themselves (`--auto-fulfil`).
    pub auto_fulfil: AutoFulfil,
    /// Where uploaded images are kept (`--media-dir`), served at `/media/`.
    pub media_dir: Arc<std::path::PathBuf>,
    /// The shop's outgoing email.
    pub email: email::Sender,
    /// Who issues the shop's e-invoices (the sandbox issuer, built in).
    pub invoices: Arc<dyn InvoiceIssuer>,
}

/// A server bound to its port, ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

impl Server {
    /// Connects, migrates, loads the catalog and binds (port 0 picks a free port).
    pub async fn build(settings: &Settings) -> anyhow::Result<Server> {
        Server::build_with_clock(settings, Clock::system()).await
    }

    /// As [`Server::build`], on a clock the caller controls (tests).
    pub async fn build_with_clock(settings: &Settings, clock: Clock) -> anyhow::Result<Server> {
        let db = Db::connect(&settings.database.database_url).await?;
        db.migrate().await?;
        let catalog = CatalogService::load(db.clone()).await?;
        catalog.spawn_refresher(Duration::from_millis(settings.catalog_refresh_ms.max(50)));
        let payments: Arc<dyn PaymentProvider> = Arc::new(Sandbox::new(
            settings.sandbox_webhook_secret.as_bytes(),
            db.clone(),
        ));
        let accounts = Arc::new(AccountConfig::from_settings(&settings.accounts)?);
        let listener = TcpListener::bind((settings.host.as_str(), settings.port))
            .await
            .with_context(|| format!("listening on {}:{}", settings.host, settings.port))?;
        let email = sender(settings, &accounts, &listener, &db, &clock)?;
        let invoices: Arc<dyn InvoiceIssuer> = Arc::new(SandboxIssuer::new(db.clone()));
        let state = AppState {
            db,
            catalog,
            clock,
            payments,
            accounts,
            carrier: Arc::new(crate::carriers::sandbox::Sandbox),
            auto_fulfil: AutoFulfil::new(&settings.fulfilment),
            media_dir: Arc::new(settings.media_dir.clone()),
            email,
            invoices,
        };
        crate::jobs::spawn(state.clone());
        let router = app(state.clone(), settings);
        Ok(Server {
            listener,
            router,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        // With the peer address, for per-address sign-in limits (`session::ClientIp`).
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await
            .context("serving")
    }
}

/// The shop's outgoing email: through SMTP when a server is given, else into the development
/// mailbox. Links start with the public origin, else with the address this server listens on
/// (right for one machine; a shop behind a proxy sets `--public-origin`).
fn sender(
    settings: &Settings,
    accounts: &AccountConfig,
    listener: &TcpListener,
    db: &Db,
    clock: &Clock,
) -> anyhow::Result<email::Sender> {
    let mailer: Arc<dyn email::Mailer> = match &settings.mail.smtp_url {
        Some(url) => Arc::new(email::Smtp::from_url(url)?),
        None => {
            if !accounts.dev_mailbox {
                tracing::warn!(
                    "no --smtp-url: emails are kept in the database and leave the shop only \
                     once an SMTP server is given (--dev-mailbox shows them at /dev/mailbox)"
                );
            }
            Arc::new(email::DevMailbox::new(db.clone(), clock.clone()))
        }
    };
    let origin = match &accounts.public_origin {
        Some(origin) => origin.clone(),
        None => {
            let address = listener.local_addr()?;
            let host = match address.ip() {
                ip if ip.is_unspecified() => "127.0.0.1".to_owned(),
                ip if ip.is_ipv6() => format!("[{ip}]"),
                ip => ip.to_string(),
            };
            format!("http://{host}:{}", address.port())
        }
    };
    Ok(email::Sender::new(
        mailer,
        &settings.mail.mail_from,
        &origin,
    ))
}

/// The router with the middleware every request passes through.
pub fn app(state: AppState, settings: &Settings) -> Router {
    routes::router(state, &settings.dist_dir)
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(ApiError::Internal(anyhow::anyhow!(
                "a request handler panicked"
            )))
        }))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(axum::middleware::from_fn(routes::contract::json_errors))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
            let id = req
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}
