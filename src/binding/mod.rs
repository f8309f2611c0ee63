//! The N-API surface: the only Rust in the crate that knows of Node.

pub mod connect;
pub mod connection;
pub mod guard;
pub mod runtime;
pub mod sink;
