pub mod binding;
pub mod error;
pub mod transport;
