//! The admins' screens: who works in the back office and with which role (`/admin/staff`),
//! and what staff did (`/admin/audit`).

mod audit;
mod staff;

pub use audit::AuditPage;
pub use staff::StaffPage;
