//! Password hashing: Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), run on the
//! blocking pool so that a burst of sign-ins does not stall the async workers.

use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::ApiResult;

/// The cost of hashing. Only the memory can be lowered (tests), never the algorithm.
#[derive(Debug, Clone)]
pub struct Hasher {
    params: Params,
    /// A hash of a random password at this cost, made on first need.
    decoy: Arc<tokio::sync::OnceCell<String>>,
}

impl Hasher {
    pub fn new(memory_kib: u32) -> anyhow::Result<Hasher> {
        let params = Params::new(memory_kib.max(Params::MIN_M_COST), 2, 1, None)
            .map_err(|e| anyhow::anyhow!("Argon2 parameters: {e}"))?;
        Ok(Hasher {
            params,
            decoy: Arc::default(),
        })
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// The password's PHC string (algorithm, parameters, salt and hash together).
    pub async fn hash(&self, password: &str) -> ApiResult<String> {
        let argon2 = self.argon2();
        let password = password.to_owned();
        let hashed = tokio::task::spawn_blocking(move || {
            let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())?;
            argon2
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
        })
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
        Ok(hashed)
    }

    /// Whether `password` matches `stored`. With `None` (no such account) a hash of the same
    /// cost is still checked, so that the answer takes as long either way and timing does not
    /// tell which emails have accounts.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> ApiResult<bool> {
        let argon2 = self.argon2();
        let password = password.to_owned();
        let known = stored.is_some();
        let stored = match stored {
            Some(s) => s.to_owned(),
            None => self.decoy().await?,
        };
        let matches = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored)
                .map(|parsed| argon2.verify_password(password.as_bytes(), &parsed).is_ok())
                .unwrap_or(false)
        })
        .await
        .map_err(anyhow::Error::from)?;
        Ok(known && matches)
    }

    async fn decoy(&self) -> ApiResult<String> {
        self.decoy
            .get_or_try_init(|| async { self.hash(&crate::session::new_token()).await })
            .await
            .cloned()
    }
}
