//! TLS for `wss://`, through rustls with the ring provider, so the binary links no OpenSSL.
//! It trusts what Node trusts by default, as far as a native addon can see it: the system's
//! root certificates (Mozilla's, as Node bundles them, where the system has none) and the
//! PEM file named by `NODE_EXTRA_CA_CERTS`.

use std::sync::{Arc, OnceLock};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, TrustAnchor};
use rustls::{CertificateError, ClientConfig, RootCertStore};
use tokio_tungstenite::Connector;
use tokio_tungstenite::tungstenite::Error as WsError;

/// The variable Node reads for extra trusted CAs; we honour it the same way.
const EXTRA_CA_VARIABLE: &str = "NODE_EXTRA_CA_CERTS";

/// The connector for a URL of `scheme`: plain for `ws`, rustls for `wss`.
pub fn connector_for(scheme: Option<&str>) -> Result<Connector, String> {
  match scheme {
    Some("wss") => client_config().map(Connector::Rustls),
    _ => Ok(Connector::Plain),
  }
}

/// Built once per process, on the first `wss://` connection: it reads and parses the whole
/// system CA bundle, and Node, too, reads `NODE_EXTRA_CA_CERTS` once. System certificate
/// files that cannot be read are skipped, as OpenSSL skips them.
fn client_config() -> Result<Arc<ClientConfig>, String> {
  static CONFIG: OnceLock<Result<Arc<ClientConfig>, String>> = OnceLock::new();
  CONFIG
    .get_or_init(|| {
      let system = rustls_native_certs::load_native_certs().certs;
      let extra = match std::env::var_os(EXTRA_CA_VARIABLE).filter(|path| !path.is_empty()) {
        Some(path) => read_extra_cas(&path.to_string_lossy())?,
        None => Vec::new(),
      };
      let roots = root_store(system, extra, webpki_roots::TLS_SERVER_ROOTS);
      let provider = Arc::new(rustls::crypto::ring::default_provider());
      let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("could not set up TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
      Ok(Arc::new(config))
    })
    .clone()
}

/// The certificates of the PEM file at `path`; an unreadable file or one without a single
/// certificate is an error naming the variable, since a CA the user meant to trust being
/// silently ignored would surface later as a puzzling certificate error.
fn read_extra_cas(path: &str) -> Result<Vec<CertificateDer<'static>>, String> {
  let failed = |why: String| format!("{EXTRA_CA_VARIABLE}={path}: {why}");
  let pem = std::fs::read(path).map_err(|e| failed(format!("cannot read it ({e})")))?;
  let certs = CertificateDer::pem_slice_iter(&pem)
    .collect::<Result<Vec<_>, _>>()
    .map_err(|e| failed(format!("not a valid PEM file ({e})")))?;
  if certs.is_empty() {
    return Err(failed("it holds no PEM certificate".to_owned()));
  }
  Ok(certs)
}

/// The trusted roots: the system's and the extra ones; Mozilla's (`bundled`) only where the
/// system has none, as in a container without a CA bundle, where Node would use its own.
fn root_store(
  system: Vec<CertificateDer<'static>>,
  extra: Vec<CertificateDer<'static>>,
  bundled: &[TrustAnchor<'static>],
) -> RootCertStore {
  let mut roots = RootCertStore::empty();
  roots.add_parsable_certificates(system);
  if roots.is_empty() {
    roots.extend(bundled.iter().cloned());
  }
  roots.add_parsable_certificates(extra);
  roots
}

/// A sentence for a handshake that failed on the server's certificate (`None` for any other
/// failure), so the user knows it was the certificate and what to do about it.
pub fn describe_certificate_error(error: &WsError, host: &str) -> Option<String> {
  let WsError::Io(io) = error else { return None };
  let rustls::Error::InvalidCertificate(why) = io.get_ref()?.downcast_ref::<rustls::Error>()?
  else {
    return None;
  };
  let what = match why {
    CertificateError::UnknownIssuer => format!(
      "is not signed by a trusted certificate authority; to trust a private CA, set \
       {EXTRA_CA_VARIABLE} to its PEM file"
    ),
    CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
      format!("is not valid for the name {host}")
    }
    CertificateError::Expired | CertificateError::ExpiredContext { .. } => "has expired".to_owned(),
    CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
      "is not valid yet".to_owned()
    }
    other => format!("was rejected ({other:?})"),
  };
  Some(format!("the TLS certificate of {host} {what}"))
}

#[cfg(test)]
mod tests {
  use super::*;

  /// A real self-signed CA certificate, made once for these tests with `openssl req -x509
  /// -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj /CN=cdp-native-test-ca -days 36500`.
  const CA_PEM: &str = "-----BEGIN CERTIFICATE-----
MIIBkTCCATegAwIBAgIURaajF681oZvExHchHWbI3XcT4nUwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSY2RwLW5hdGl2ZS10ZXN0LWNhMCAXDTI2MTIwMTIxMzg0M1oY
DzIxMjYxMTA3MjEzODQzWjAdMRswGQYDVQQDDBJjZHAtbmF0aXZlLXRlc3QtY2Ew
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT7mTjciyJ8Ls+Yjr5u/Vs5Gt/Cgp6W
2bph2c4ErHiVpzt4z3Vq19YrSyvEjX63UFX2WGs3rUMnzCZXQ80wA+8uo1MwUTAd
BgNVHQ4EFgQUeDBn9fkF0l1b5YLGMNm5PMYDnD0wHwYDVR0jBBgwFoAUeDBn9fkF
0l1b5YLGMNm5PMYDnD0wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBF
AiAaZkVJ04GYaBPp0RqXqubR+2wlpEaUssTQafAQ6M5tMQIhAIIbq56XG/N3WHsb
JGi2aHy4h3VmUp/8zUkfmuQptAca
-----END CERTIFICATE-----
";

  fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("cdp-native-tls-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
  }

  fn ca() -> CertificateDer<'static> {
    CertificateDer::from_pem_slice(CA_PEM.as_bytes()).unwrap()
  }

  #[test]
  fn the_extra_cas_are_read_from_a_pem_file() {
    let path = temp_file("ok.pem", &format!("some text before\n{CA_PEM}{CA_PEM}"));
    let certs = read_extra_cas(&path.to_string_lossy()).unwrap();
    std::fs::remove_file(path).unwrap();
    assert_eq!(certs, vec![ca(), ca()]);
  }

  #[test]
  fn a_missing_or_empty_extra_ca_file_is_an_error_naming_the_variable() {
    let missing = read_extra_cas("/nonexistent/ca.pem").unwrap_err();
    assert!(
      missing.starts_with("NODE_EXTRA_CA_CERTS=/nonexistent/ca.pem: cannot read it"),
      "{missing}"
    );
    let path = temp_file("empty.pem", "no certificate here\n");
    let empty = read_extra_cas(&path.to_string_lossy()).unwrap_err();
    std::fs::remove_file(path).unwrap();
    assert!(empty.ends_with("it holds no PEM certificate"), "{empty}");
  }

  #[test]
  fn the_bundled_roots_are_used_only_where_the_system_has_none() {
    let bundled = webpki_roots::TLS_SERVER_ROOTS;
    let without_system = root_store(Vec::new(), vec![ca()], bundled);
    assert_eq!(without_system.len(), bundled.len() + 1);
    let with_system = root_store(vec![ca()], vec![ca()], bundled);
    assert_eq!(with_system.len(), 2);
  }

  #[test]
  fn only_a_certificate_failure_is_described_as_one() {
    let rejected = |why: CertificateError| {
      let io = std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        rustls::Error::InvalidCertificate(why),
      );
      describe_certificate_error(&WsError::Io(io), "example.test")
    };
    assert_eq!(
      rejected(CertificateError::NotValidForName).as_deref(),
      Some("the TLS certificate of example.test is not valid for the name example.test")
    );
    assert!(rejected(CertificateError::UnknownIssuer).unwrap().contains("NODE_EXTRA_CA_CERTS"));
    let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    assert_eq!(describe_certificate_error(&WsError::Io(refused), "example.test"), None);
  }
}
