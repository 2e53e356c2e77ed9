//! Secrets and fingerprints: random tokens and ids, the SHA-256 the database keeps in place of a
//! token, and comparing a secret in constant time, so that how long a refusal takes says
//! nothing about how much of a guess was right.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `N` random bytes as lowercase hex (2N characters): tokens, and ids nobody can guess.
pub fn random_hex<const N: usize>() -> String {
    hex::encode(rand::random::<[u8; N]>())
}

/// A fresh token of 256 random bits, for a link or a cookie.
pub fn new_token() -> String {
    random_hex::<32>()
}

/// SHA-256 of `bytes`, in hex: what is kept of a token, or a request's fingerprint.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether two secrets are equal, in time that depends on their length only.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_and_their_hashes_fixed() {
        assert_eq!(new_token().len(), 64);
        assert_ne!(new_token(), new_token());
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secret!"));
    }
}
