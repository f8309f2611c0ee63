//! Why a transport could not start. Once it runs, its end is reported as a reason sentence
//! through `InboundSink::closed`, not as an error value.

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
  #[error("invalid WebSocket request: {0}")]
  Request(String),
  #[error("{0}")]
  Connect(String),
}
