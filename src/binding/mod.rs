//! The N-API surface: the only Rust in the crate that knows of Node.

pub mod connect;
pub mod guard;
pub mod js_text;
pub mod launch;
pub mod native_transport;
pub mod runtime;
pub mod sink;
pub mod trace;
pub mod wire;
