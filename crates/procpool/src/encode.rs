//! Encoding task arguments and results with postcard, keeping the message of a failing `Serialize`.
//!
//! postcard drops the text of `serde::ser::Error::custom(msg)` and reports only "Serde Serialization
//! Error", which names nothing. When that happens the value is walked again through [`Probe`], a
//! serializer that writes nothing and keeps the message, so the task's error says what failed.

use serde::Serialize;
use serde::ser;
use std::fmt;

/// postcard bytes of `value`, or the reason it cannot be encoded (the `Serialize` impl's own message
/// when it gave one).
///
/// The size is measured first so the bytes are written once into a buffer of the right size: growing
/// a `Vec` by doubling would copy a large payload several times, touching fresh pages each time.
pub(crate) fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    postcard::serialize_with_flavor(value, postcard::ser_flavors::Size::default())
        .and_then(|size| postcard::to_extend(value, Vec::with_capacity(size)))
        .map_err(|e| match e {
            postcard::Error::SerdeSerCustom => match value.serialize(Probe) {
                Err(ProbeError(message)) => message,
                Ok(()) => e.to_string(),
            },
            other => other.to_string(),
        })
}

/// The message a `Serialize` impl gave to `Error::custom`.
#[derive(Debug)]
pub(crate) struct ProbeError(String);

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProbeError {}

impl ser::Error for ProbeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ProbeError(msg.to_string())
    }
}

/// A serializer that accepts everything, writes nothing, and keeps the first custom error.
struct Probe;

type R = Result<(), ProbeError>;

macro_rules! leaves {
    ($($name:ident: $ty:ty),* $(,)?) => {
        $(fn $name(self, _: $ty) -> R { Ok(()) })*
    };
}

impl ser::Serializer for Probe {
    type Ok = ();
    type Error = ProbeError;
    type SerializeSeq = Probe;
    type SerializeTuple = Probe;
    type SerializeTupleStruct = Probe;
    type SerializeTupleVariant = Probe;
    type SerializeMap = Probe;
    type SerializeStruct = Probe;
    type SerializeStructVariant = Probe;

    leaves!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64, serialize_char: char, serialize_str: &str, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str,
    );

    fn serialize_none(self) -> R {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(Probe)
    }
    fn serialize_unit(self) -> R {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> R {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(Probe)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> R {
        value.serialize(Probe)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Probe, ProbeError> {
        Ok(Probe)
    }
    fn serialize_tuple(self, _: usize) -> Result<Probe, ProbeError> {
        Ok(Probe)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Probe, ProbeError> {
        Ok(Probe)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Probe, ProbeError> {
        Ok(Probe)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Probe, ProbeError> {
        Ok(Probe)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Probe, ProbeError> {
        Ok(Probe)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Probe, ProbeError> {
        Ok(Probe)
    }
}

macro_rules! compound {
    ($($trait:ident :: $method:ident),* $(,)?) => {
        $(impl ser::$trait for Probe {
            type Ok = ();
            type Error = ProbeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
                value.serialize(Probe)
            }
            fn end(self) -> R {
                Ok(())
            }
        })*
    };
}

compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl ser::SerializeMap for Probe {
    type Ok = ();
    type Error = ProbeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        key.serialize(Probe)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(Probe)
    }
    fn end(self) -> R {
        Ok(())
    }
}

impl ser::SerializeStruct for Probe {
    type Ok = ();
    type Error = ProbeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> R {
        value.serialize(Probe)
    }
    fn end(self) -> R {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Probe {
    type Ok = ();
    type Error = ProbeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> R {
        value.serialize(Probe)
    }
    fn end(self) -> R {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::to_bytes;

    struct Refuses;
    impl serde::Serialize for Refuses {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom(
                "the socket handle cannot be sent",
            ))
        }
    }

    #[test]
    fn the_custom_message_survives() {
        let err = to_bytes(&(1u8, vec![Some(Refuses)])).unwrap_err();
        assert_eq!(err, "the socket handle cannot be sent");
        assert_eq!(
            to_bytes(&(1u8, "x")).unwrap(),
            postcard::to_stdvec(&(1u8, "x")).unwrap()
        );
    }
}
