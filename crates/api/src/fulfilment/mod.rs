//! The warehouse side of logistics (物流): the convenience stores parcels can go to, the
//! printed pick list and shipping slip with their Code 128 barcodes, and the `auto_fulfil`
//! switch that packs and hands over orders by itself until the back office has staff to do it.
//! The workflow itself is `services::fulfilment`; the carriers are `carriers/`.

pub mod barcode;
pub mod documents;
pub mod stores;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::Args;

/// How orders get from the warehouse to the carrier.
#[derive(Debug, Clone, Args)]
pub struct FulfilmentSettings {
    /// Pack and hand over every order to the carrier by itself, `--auto-fulfil-delay-seconds`
    /// after it goes to the warehouse (paid, or placed cash on delivery). For demos and
    /// end-to-end runs until the back office's operators do it; `false` leaves orders in
    /// processing for `services::fulfilment::{pack, hand_over}`.
    #[arg(long, env = "FOURFLOW_AUTO_FULFIL", default_value_t = true, action = clap::ArgAction::Set)]
    pub auto_fulfil: bool,

    /// Seconds between an order reaching the warehouse and its automatic hand-over.
    #[arg(long, env = "FOURFLOW_AUTO_FULFIL_DELAY_SECONDS", default_value_t = 30)]
    pub auto_fulfil_delay_seconds: i64,
}

impl FulfilmentSettings {
    /// Tests and tools: nothing moves unless a test turns it on ([`AutoFulfil::set`]).
    pub fn manual() -> FulfilmentSettings {
        FulfilmentSettings {
            auto_fulfil: false,
            auto_fulfil_delay_seconds: 30,
        }
    }
}

/// The `auto_fulfil` switch as the running shop holds it: shared by every clone of the state,
/// so that a test can turn it on or off (as it moves the clock).
#[derive(Debug, Clone)]
pub struct AutoFulfil {
    on: Arc<AtomicBool>,
    pub delay_seconds: i64,
}

impl AutoFulfil {
    pub fn new(settings: &FulfilmentSettings) -> AutoFulfil {
        AutoFulfil {
            on: Arc::new(AtomicBool::new(settings.auto_fulfil)),
            delay_seconds: settings.auto_fulfil_delay_seconds.max(0),
        }
    }

    pub fn is_on(&self) -> bool {
        self.on.load(Ordering::SeqCst)
    }

    pub fn set(&self, on: bool) {
        self.on.store(on, Ordering::SeqCst);
    }
}

/// Text made safe to put in HTML, in an element or a quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
