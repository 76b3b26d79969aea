//! Unit tests of the trace tests' JSON Schema validator (`tests/schema`),
//! which the trace harness (a datatest harness) cannot run itself.

mod schema;

use schema::validate;
use serde_json::json;

#[test]
fn reports_what_the_schema_forbids() {
    let schema = json!({
        "$defs": {"n": {"type": "integer", "minimum": 0}},
        "type": "object",
        "required": ["a"],
        "properties": {"a": {"$ref": "#/$defs/n"}, "b": {"enum": ["x", "y"]}},
        "additionalProperties": false
    });
    assert!(validate(&schema, &json!({"a": 1, "b": "x"}), 5).is_empty());
    assert_eq!(validate(&schema, &json!({"a": -1}), 5).len(), 1);
    assert_eq!(validate(&schema, &json!({"b": "z", "c": 1}), 5).len(), 3);
    assert_eq!(validate(&json!({"bogus": 1}), &json!(1), 5).len(), 1, "unknown keywords fail");
}
