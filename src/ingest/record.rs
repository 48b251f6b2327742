//! A JSONL record: `{"id": …, "text": …, "date": "YYYY-MM-DD"}` on one line. `id` may be a
//! string or a number; `date` is optional (a longer ISO timestamp is read by its date).

use serde_json::Value;

/// A record read from a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub text: String,
    pub date: Option<jiff::civil::Date>,
}

impl Record {
    /// A record from one line, or what is wrong with the line.
    pub fn parse(line: &str) -> Result<Record, String> {
        let mut value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        let id = match &value["id"] {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Null => return Err("no \"id\"".into()),
            _ => return Err("\"id\" is neither a string nor a number".into()),
        };
        // Taken out of the parsed line rather than copied: a record's text is most of it.
        let text = match value.get_mut("text") {
            Some(Value::String(text)) => std::mem::take(text),
            _ => return Err(format!("record {id:?}: no \"text\" string")),
        };
        let date = match &value["date"] {
            Value::Null => None,
            Value::String(s) => Some(
                s.get(..10)
                    .and_then(|d| d.parse().ok())
                    .ok_or_else(|| format!("record {id:?}: \"date\" is not YYYY-MM-DD"))?,
            ),
            _ => return Err(format!("record {id:?}: \"date\" is not a string")),
        };
        Ok(Record { id, text, date })
    }
}
