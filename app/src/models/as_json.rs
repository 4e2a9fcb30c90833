//! A value that travels as JSON text inside a postcard answer: for types whose serde shape
//! only a self-describing format can read (an internally tagged enum, a field left out when
//! empty), which they keep because that shape is how they are stored.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de::DeserializeOwned};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AsJson<T>(pub T);

impl<T: Serialize> Serialize for AsJson<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let json = serde_json::to_string(&self.0).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&json)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for AsJson<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = String::deserialize(deserializer)?;
        serde_json::from_str(&json)
            .map(AsJson)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "kind")]
    enum Tagged {
        Days { days: u32 },
        Never,
    }

    #[test]
    fn an_internally_tagged_enum_reads_back_from_postcard() {
        let values = vec![AsJson(Tagged::Days { days: 30 }), AsJson(Tagged::Never)];
        let bytes = postcard::to_allocvec(&values).unwrap();
        let read: Vec<AsJson<Tagged>> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(read, values);
        // Without the wrapper postcard cannot read it (it needs a self-describing format).
        let bare = postcard::to_allocvec(&Tagged::Never).unwrap();
        assert!(postcard::from_bytes::<Tagged>(&bare).is_err());
    }

    #[test]
    fn json_that_does_not_fit_the_type_is_an_error() {
        let bytes = postcard::to_allocvec(&"{\"kind\":\"Sometimes\"}").unwrap();
        assert!(postcard::from_bytes::<AsJson<Tagged>>(&bytes).is_err());
    }
}
