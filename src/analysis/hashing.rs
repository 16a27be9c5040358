//! A fast keyed hash for the hash maps of the analysis, whose keys are the short texts of
//! statement rows (names, descriptions, order numbers) looked up once or more per row.
//!
//! The standard hasher (SipHash) spends several hundred instructions on a 30-byte name in the
//! size-optimised build the app ships; this one mixes eight bytes per multiplication. Each map
//! draws its own random key from the standard library's [`RandomState`], so a statement cannot be
//! written in advance to make its texts collide.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

/// Odd constants (from the digits of π) that spread the key over both halves of a product.
const SPREAD: [u64; 2] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344];

/// Builds [`TextHasher`]s that share one random key.
#[derive(Clone, Debug)]
pub struct TextHashing {
    key: u64,
}

impl TextHashing {
    /// A builder with a fresh random key.
    pub fn new() -> TextHashing {
        TextHashing {
            key: RandomState::new().hash_one(SPREAD[0]),
        }
    }
}

impl Default for TextHashing {
    fn default() -> TextHashing {
        TextHashing::new()
    }
}

impl BuildHasher for TextHashing {
    type Hasher = TextHasher;

    fn build_hasher(&self) -> TextHasher {
        TextHasher {
            state: self.key,
            key: self.key ^ SPREAD[1],
        }
    }
}

/// The 128-bit product of `a` and `b`, its two halves folded together by exclusive or: every
/// bit of either input reaches many bits of the result.
fn fold_multiply(a: u64, b: u64) -> u64 {
    let (high, low) = wide_multiply(a, b);
    high ^ low
}

/// The 128-bit product of `a` and `b` as (high, low) halves, built from four 32-bit products.
/// WebAssembly has no 64×64→128 multiplication: written with `u128`, each product becomes a
/// call into a general 128×128 routine, which took a tenth of the engine's time in a profile.
fn wide_multiply(a: u64, b: u64) -> (u64, u64) {
    const LOW: u64 = 0xffff_ffff;
    let (a_low, a_high) = (a & LOW, a >> 32);
    let (b_low, b_high) = (b & LOW, b >> 32);
    let low_low = a_low * b_low;
    let high_low = a_high * b_low;
    let low_high = a_low * b_high;
    let high_high = a_high * b_high;
    // At most (2³² − 1)² + 2 × (2³² − 1) = 2⁶⁴ − 1: no overflow.
    let middle = (low_low >> 32) + (high_low & LOW) + low_high;
    let high = high_high + (high_low >> 32) + (middle >> 32);
    let low = (middle << 32) | (low_low & LOW);
    (high, low)
}

/// Hashes bytes eight at a time (see the module documentation).
#[derive(Clone, Debug)]
pub struct TextHasher {
    state: u64,
    key: u64,
}

impl TextHasher {
    fn mix(&mut self, word: u64) {
        self.state = fold_multiply(self.state ^ word, self.key | 1);
    }
}

impl Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        // The length goes in too, so that trailing zero bytes are not lost in the padding.
        self.mix(u64::from_le_bytes(word) ^ ((bytes.len() as u64) << 56));
    }

    fn write_u8(&mut self, byte: u8) {
        self.mix(u64::from(byte) | 1 << 63);
    }

    fn write_u32(&mut self, value: u32) {
        self.mix(u64::from(value) | 1 << 62);
    }

    fn write_u64(&mut self, value: u64) {
        self.mix(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.mix(value as u64);
    }

    fn finish(&self) -> u64 {
        fold_multiply(self.state, self.key ^ SPREAD[0])
    }
}

/// A hash map keyed by statement texts, hashed with [`TextHashing`].
pub type TextMap<K, V> = std::collections::HashMap<K, V, TextHashing>;

/// A hash set of statement texts, hashed with [`TextHashing`].
pub type TextSet<K> = std::collections::HashSet<K, TextHashing>;

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(build: &TextHashing, text: &str) -> u64 {
        build.hash_one(text)
    }

    #[test]
    fn equal_texts_hash_equal_and_different_ones_apart() {
        let build = TextHashing::new();
        let texts = [
            "",
            "a",
            "a\0",
            "ab",
            "饿了么",
            "饿了么 ",
            "上海拉扎斯信息科技有限公司",
            "2026103122551408319034775342784",
            "2026103122551408319034775342785",
        ];
        for a in texts {
            let copy = String::from(a);
            assert_eq!(hash(&build, a), hash(&build, copy.as_str()), "{a:?}");
            for b in texts.iter().filter(|b| **b != a) {
                assert_ne!(hash(&build, a), hash(&build, b), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn maps_find_what_was_put_in() {
        let mut map: TextMap<String, usize> = TextMap::default();
        for n in 0..2000 {
            map.insert(format!("商户{n}"), n);
        }
        for n in 0..2000 {
            assert_eq!(map.get(&format!("商户{n}")), Some(&n));
        }
        assert_eq!(map.get("商户2000"), None);
    }

    #[test]
    fn wide_multiply_is_the_full_product() {
        let edges = [0, 1, 2, 0xffff_ffff, 0x1_0000_0000, u64::MAX - 1, u64::MAX];
        let mut state = SPREAD[0];
        let mut values: Vec<u64> = edges.to_vec();
        for _ in 0..200 {
            // xorshift: spread-out values besides the edges.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push(state);
        }
        for &a in &values {
            for &b in &values {
                let product = u128::from(a) * u128::from(b);
                let expected = ((product >> 64) as u64, product as u64);
                assert_eq!(wide_multiply(a, b), expected, "{a:#x} × {b:#x}");
            }
        }
    }

    #[test]
    fn each_builder_has_its_own_key() {
        let (a, b) = (TextHashing::new(), TextHashing::new());
        assert_ne!(hash(&a, "same text"), hash(&b, "same text"));
    }
}
