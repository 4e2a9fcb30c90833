//! The encoding of every server function's answer and error: JSON, as Leptos's default, but
//! read in the browser as text (`serde_json::from_str`) rather than as bytes.
//!
//! Why: serde_json's decoder is generic over its input, and Leptos reads a resource's value
//! sent with the page from a string while its default server function encoding reads answers
//! from bytes — so the browser carried two copies of the decoder of every type that arrives
//! both ways (a list page, a record, a viewer…), ~100 KB of the client before wasm-opt. Reading
//! answers as text too leaves one. The wire format is unchanged.

use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType, codec::Post};
use serde::{Serialize, de::DeserializeOwned};

/// JSON, decoded from text (see the module documentation).
#[derive(Debug)]
pub struct JsonText;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        // Not UTF-8 is not JSON: serde_json's own error for it, without a second decoder.
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            <serde_json::Error as serde::de::Error>::custom("the answer is not UTF-8")
        })?;
        serde_json::from_str(text)
    }
}

/// A server function's answer: POSTed, answered in [`JsonText`].
pub type JsonAnswer = Post<JsonText>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_json_and_read_back_as_they_were_written() {
        let answer = vec![Some("ä".to_owned()), None];
        let bytes = <JsonText as Encodes<_>>::encode(&answer).unwrap();
        assert_eq!(&bytes[..], "[\"ä\",null]".as_bytes());
        let read: Vec<Option<String>> = <JsonText as Decodes<_>>::decode(bytes).unwrap();
        assert_eq!(read, answer);
    }

    #[test]
    fn bytes_that_are_not_text_or_not_json_are_errors() {
        let not_text = Bytes::from_static(&[b'"', 0xff, b'"']);
        let error = <JsonText as Decodes<String>>::decode(not_text).unwrap_err();
        assert!(error.to_string().contains("not UTF-8"), "{error}");
        assert!(<JsonText as Decodes<Vec<u32>>>::decode(Bytes::from_static(b"[1,")).is_err());
    }

    #[test]
    fn every_server_function_answers_in_json_text() {
        // A server function on Leptos's default encoding would bring the second decoder back.
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/functions");
        let mut checked = 0;
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            for line in source.lines().filter(|line| line.starts_with("#[server(")) {
                assert!(
                    line.contains("output = super::json_text::JsonAnswer"),
                    "{}: {line}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} server functions found");
    }
}
