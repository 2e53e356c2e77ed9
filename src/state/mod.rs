//! State that lives in the browser beyond one page: what is kept in `localStorage`.

pub mod remote;
pub mod storage;
