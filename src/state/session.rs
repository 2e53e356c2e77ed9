//! Who is signed in, for the cart, checkout and account apps: asked of the API (`GET /api/v1/me`) when the app
//! starts, set by signing in, cleared by signing out. The session itself is the server's
//! HttpOnly cookie; this is only what the pages need to know of it.
//!
//! While a shopper is signed in, the cart kept on the account follows this browser's cart: a
//! change made here is saved there at once (so that what an order bought does not come
//! back at the next sign-in). The two are merged only at sign-in, by the server.

use fourflow_core::account::{Address, Profile, SavedCart, SignedIn};
use fourflow_core::cart::CartLine;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::cart::{use_cart, Cart};
use crate::api::{self, ApiError};

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the API.
    Checking,
    SignedOut,
    SignedIn(Profile),
    /// The API could not be asked (offline): the shopper may or may not be signed in.
    Unreachable,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
    /// The address book, once asked for (checkout's quick choices, the address page).
    addresses: RwSignal<Option<Vec<Address>>>,
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// Provides the session and asks the API who is signed in.
    pub fn provide() -> Session {
        let session = Session {
            state: RwSignal::new(SessionState::Checking),
            addresses: RwSignal::new(None),
        };
        provide_context(session);
        session.check();
        session.keep_cart_saved(use_cart());
        session
    }

    /// Asks the API again who is signed in.
    pub fn check(&self) {
        let state = self.state;
        if state.get_untracked() == SessionState::Unreachable {
            state.set(SessionState::Checking);
        }
        spawn_local(async move {
            let now = match api::me().await {
                Ok(profile) => SessionState::SignedIn(profile),
                Err(ApiError::Network) => SessionState::Unreachable,
                // 401 (no session), 404 or anything else: not signed in.
                Err(_) => SessionState::SignedOut,
            };
            state.try_set(now);
        });
    }

    /// The signed-in shopper, tracked.
    pub fn profile(&self) -> Option<Profile> {
        match self.state.get() {
            SessionState::SignedIn(profile) => Some(profile),
            _ => None,
        }
    }

    pub fn is_signed_in_untracked(&self) -> bool {
        matches!(self.state.get_untracked(), SessionState::SignedIn(_))
    }

    /// A sign-in succeeded: the shopper, and the merged cart in place of this browser's.
    pub async fn signed_in(&self, signed_in: SignedIn, cart: Cart) {
        // The lines stay as they were if the SKUs cannot be fetched: the merged cart is safe
        // on the account and comes back at the next sign-in.
        let _ = cart.replace_with(&signed_in.cart).await;
        self.addresses.set(None);
        self.state.set(SessionState::SignedIn(signed_in.profile));
        cart.refresh().await;
    }

    pub fn set_profile(&self, profile: Profile) {
        self.state.set(SessionState::SignedIn(profile));
    }

    /// Signs out: the cart is saved on the account first and then leaves this browser (it
    /// comes back at the next sign-in), and nothing of the account stays on the page.
    pub async fn sign_out(&self, cart: Cart) -> Result<(), ApiError> {
        if self.is_signed_in_untracked() {
            let lines = cart_lines(cart);
            api::save_cart(&SavedCart { lines }).await?;
        }
        api::sign_out().await?;
        self.state.set(SessionState::SignedOut);
        self.addresses.set(None);
        cart.replace_lines(Vec::new());
        Ok(())
    }

    /// The signed-in shopper's address book, tracked: asked of the API (once) as soon as the
    /// shopper is known to be signed in; `None` until it has arrived.
    pub fn address_book(&self) -> Signal<Option<Vec<Address>>> {
        let this = *self;
        Effect::new(move |_| {
            if this.profile().is_some() && this.addresses.get_untracked().is_none() {
                this.reload_addresses();
            }
        });
        this.addresses.into()
    }

    /// The address book as last fetched, untracked.
    pub fn known_addresses(&self) -> Option<Vec<Address>> {
        self.addresses.get_untracked()
    }

    pub fn reload_addresses(&self) {
        let book = self.addresses;
        spawn_local(async move {
            if let Ok(list) = api::addresses().await {
                book.try_set(Some(list));
            }
        });
    }

    /// Saves the cart on the account after each change made while signed in: at once, one
    /// call at a time, the newest lines last (a change made while a call is under way is sent
    /// when it returns).
    fn keep_cart_saved(&self, cart: Cart) {
        let state = self.state;
        let lines = Memo::new(move |_| cart_lines(cart));
        let sync = StoredValue::new(CartSync::default());
        Effect::new(move |previous: Option<Vec<CartLine>>| {
            let now = lines.get();
            let signed_in = matches!(state.get_untracked(), SessionState::SignedIn(_));
            // The first run is the app starting: nothing changed yet.
            if previous.is_some_and(|p| p != now) && signed_in {
                save_cart(lines, sync);
            }
            now
        });
    }
}

#[derive(Default)]
struct CartSync {
    sending: bool,
    /// Changed again while a call was under way.
    dirty: bool,
}

fn save_cart(lines: Memo<Vec<CartLine>>, sync: StoredValue<CartSync>) {
    let busy = sync.try_update_value(|s| {
        s.dirty = s.sending;
        std::mem::replace(&mut s.sending, true)
    });
    if busy != Some(false) {
        return;
    }
    spawn_local(async move {
        loop {
            let Some(lines) = lines.try_get_untracked() else {
                return;
            };
            // Failing (offline) is fine: the next change, or the next sign-in, saves it.
            let _ = api::save_cart(&SavedCart { lines }).await;
            let again = sync.try_update_value(|s| {
                let again = s.dirty;
                s.dirty = false;
                s.sending = again;
                again
            });
            if again != Some(true) {
                return;
            }
        }
    });
}

fn cart_lines(cart: Cart) -> Vec<CartLine> {
    cart.with(|d| d.lines.iter().map(|l| l.line()).collect())
}
