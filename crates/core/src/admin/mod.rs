//! The back office's bodies and rules beyond staff and roles (see [`crate::staff`]): one module
//! per console.

pub mod media;
pub mod orders;
pub mod products;
pub mod promotions;
pub mod sku_csv;
pub mod stock;
