//! Traditional Chinese for the app's own texts: the Simplified text is converted character by
//! character, phrases first where a phrase reads differently (周期 → 週期, 回复 → 回覆). Only
//! the app's words are converted; names and descriptions from statements stay as written, since
//! they are evidence.

mod table;

use table::{CHARS, PHRASES};

/// The longest phrase in the table, in characters; bounds the look-ahead at each position.
fn longest_phrase() -> usize {
    PHRASES
        .iter()
        .map(|(simplified, _)| simplified.chars().count())
        .max()
        .unwrap_or(0)
}

/// The Traditional form of one Simplified character (itself when both are written alike).
pub fn char_to_traditional(c: char) -> char {
    match CHARS.binary_search_by_key(&c, |&(simplified, _)| simplified) {
        Ok(at) => CHARS[at].1,
        Err(_) => c,
    }
}

/// `text` in Traditional characters.
pub fn to_traditional(text: &str) -> String {
    let longest = longest_phrase();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    'outer: while let Some(first) = rest.chars().next() {
        // Longest phrase starting here, if any.
        let ends: Vec<usize> = rest
            .char_indices()
            .skip(1)
            .map(|(at, _)| at)
            .chain(std::iter::once(rest.len()))
            .take(longest)
            .collect();
        for &end in ends.iter().rev().filter(|&&end| end > first.len_utf8()) {
            if let Ok(at) =
                PHRASES.binary_search_by_key(&&rest[..end], |&(simplified, _)| simplified)
            {
                out.push_str(PHRASES[at].1);
                rest = &rest[end..];
                continue 'outer;
            }
        }
        out.push(char_to_traditional(first));
        rest = &rest[first.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(CHARS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PHRASES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn converts_app_texts() {
        for (simplified, traditional) in [
            ("账单体检", "賬單體檢"),
            ("周期性扣款每月约：", "週期性扣款每月約："),
            ("请在 15 日内书面答复", "請在 15 日內書面答覆"),
            ("重复扣款", "重複扣款"),
            (
                "你的账单只在这台设备上读取和分析",
                "你的賬單只在這臺設備上讀取和分析",
            ),
            ("本人撤回向商户付款的授权", "本人撤回向商戶付款的授權"),
            ("30 天后", "30 天後"),
            ("发卡行", "發卡行"),
            ("为", "為"),
            ("English stays, 12.50 CNY", "English stays, 12.50 CNY"),
            ("", ""),
        ] {
            assert_eq!(to_traditional(simplified), traditional, "{simplified}");
        }
    }

    #[test]
    fn phrase_at_the_very_end_and_alone() {
        assert_eq!(to_traditional("每周"), "每週");
        assert_eq!(to_traditional("扣款每周"), "扣款每週");
        assert_eq!(to_traditional("周"), "周");
    }
}
