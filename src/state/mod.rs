//! State that lives in the browser beyond one page: the cart, the shopper's lists, whether
//! the network is there, and how all of it is kept in `localStorage`.

pub mod cart;
pub mod checkout;
pub mod online;
pub mod persisted;
pub mod quote;
pub mod remote;
pub mod session;
pub mod shelves;
pub mod storage;
