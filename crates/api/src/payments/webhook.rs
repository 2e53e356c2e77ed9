//! Webhook signatures: HMAC-SHA256 over `timestamp.body`, sent as
//! `Fourflow-Signature: t=<unix seconds>,v1=<hex>`, accepted within five minutes, compared in
//! constant time. Replays are stopped elsewhere: each event id is applied once.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const HEADER: &str = "fourflow-signature";
/// How old (or how far ahead) a signature may be.
pub const TOLERANCE_SECONDS: i64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature header is missing or malformed")]
    Malformed,
    #[error("the signature does not match")]
    Mismatch,
    #[error("the signature is too old or from the future")]
    Stale,
}

pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac(secret, timestamp, body).finalize().into_bytes())
    )
}

/// Checks `header` against `body` at time `now`.
pub fn verify(secret: &[u8], header: &str, body: &[u8], now: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signature = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => signature = hex::decode(v).ok(),
            _ => {}
        }
    }
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else {
        return Err(SignatureError::Malformed);
    };
    // Checked before the age, so that a forged request learns nothing about the clock.
    mac(secret, timestamp, body)
        .verify_slice(&signature)
        .map_err(|_| SignatureError::Mismatch)?;
    if now.abs_diff(timestamp) > TOLERANCE_SECONDS.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    Ok(())
}

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"whsec_test";

    #[test]
    fn a_fresh_signature_verifies() {
        let header = sign(SECRET, 1_000, b"{\"id\":1}");
        assert_eq!(verify(SECRET, &header, b"{\"id\":1}", 1_100), Ok(()));
    }

    #[test]
    fn tampering_time_and_garbage_are_refused() {
        let header = sign(SECRET, 1_000, b"{\"id\":1}");
        assert_eq!(
            verify(SECRET, &header, b"{\"id\":2}", 1_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(b"other", &header, b"{\"id\":1}", 1_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(SECRET, &header, b"{\"id\":1}", 1_301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify(SECRET, &header, b"{\"id\":1}", 699),
            Err(SignatureError::Stale)
        );
        for bad in ["", "t=1000", "v1=abcd", "t=x,v1=00", "t=1000,v1=zz"] {
            assert_eq!(
                verify(SECRET, bad, b"{}", 1_000),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
        let moved = header.replace("t=1000", "t=1001");
        assert_eq!(
            verify(SECRET, &moved, b"{\"id\":1}", 1_001),
            Err(SignatureError::Mismatch)
        );
    }
}
