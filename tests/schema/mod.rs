//! A JSON Schema (draft 2020-12) validator for the keywords refpy's trace
//! schema uses — `type`, `properties`, `required`, `additionalProperties`,
//! `items`, `prefixItems`, `minItems`, `uniqueItems`, `maxProperties`,
//! `enum`, `const`, `minimum`, `maximum`, `multipleOf`, `maxLength`,
//! `allOf`, `oneOf`, `not`, `if`/`then`/`else` and local `$ref`s into
//! `$defs`. A keyword it does not know makes validation fail loudly, so the
//! schema cannot silently outgrow it. Written here to keep the test build
//! small (a full validator crate pulls in about a hundred crates).

use serde_json::{Map, Value};

/// Keywords that only document the schema.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$defs", "title", "description", "$comment"];

/// The errors of `doc` against `schema` (at most `limit`), each with the
/// JSON pointer of the offending value.
pub fn validate(schema: &Value, doc: &Value, limit: usize) -> Vec<String> {
    let mut v = Validator { root: schema, errors: Vec::new(), limit };
    v.check(schema, doc, "");
    v.errors
}

struct Validator<'a> {
    root: &'a Value,
    errors: Vec<String>,
    limit: usize,
}

impl<'a> Validator<'a> {
    fn fail(&mut self, at: &str, msg: String) {
        if self.errors.len() < self.limit {
            self.errors.push(format!("{msg} at '{at}'"));
        }
    }

    /// True when `doc` satisfies `schema`, without recording errors.
    fn passes(&self, schema: &'a Value, doc: &Value) -> bool {
        let mut probe = Validator { root: self.root, errors: Vec::new(), limit: 1 };
        probe.check(schema, doc, "");
        probe.errors.is_empty()
    }

    fn check(&mut self, schema: &'a Value, doc: &Value, at: &str) {
        let Some(s) = schema.as_object() else {
            if schema == &Value::Bool(false) {
                self.fail(at, "no value is allowed here".into());
            }
            return;
        };
        for (key, arg) in s {
            self.keyword(s, key, arg, doc, at);
        }
    }

    fn keyword(&mut self, s: &'a Map<String, Value>, key: &str, arg: &'a Value, doc: &Value, at: &str) {
        match key {
            "type" => self.check_type(arg, doc, at),
            "$ref" => self.check_ref(arg, doc, at),
            "properties" | "required" | "additionalProperties" | "maxProperties" => {
                if let Some(obj) = doc.as_object() {
                    self.check_object(s, key, arg, obj, at);
                }
            }
            "items" | "prefixItems" | "minItems" | "uniqueItems" => {
                if let Some(items) = doc.as_array() {
                    self.check_array(s, key, arg, items, at);
                }
            }
            "minimum" | "maximum" | "multipleOf" => self.check_number(key, arg, doc, at),
            "maxLength" => {
                let too_long =
                    doc.as_str().is_some_and(|t| t.chars().count() as u64 > arg.as_u64().unwrap_or(0));
                if too_long {
                    self.fail(at, format!("string longer than {arg}"));
                }
            }
            "enum" => {
                if !arg.as_array().is_some_and(|opts| opts.contains(doc)) {
                    self.fail(at, format!("{doc} is not one of {arg}"));
                }
            }
            "const" if arg != doc => self.fail(at, format!("{doc} is not {arg}")),
            "const" => {}
            "allOf" => {
                for sub in arg.as_array().into_iter().flatten() {
                    self.check(sub, doc, at);
                }
            }
            "oneOf" => {
                let n = arg.as_array().into_iter().flatten().filter(|sub| self.passes(sub, doc)).count();
                if n != 1 {
                    self.fail(at, format!("matches {n} of the oneOf schemas, not exactly one"));
                }
            }
            "not" if self.passes(arg, doc) => self.fail(at, "matches a schema it must not".into()),
            "not" => {}
            "if" => {
                let branch = if self.passes(arg, doc) { s.get("then") } else { s.get("else") };
                if let Some(b) = branch {
                    self.check(b, doc, at);
                }
            }
            "then" | "else" => {}
            k if ANNOTATIONS.contains(&k) => {}
            k => self.fail(at, format!("schema keyword '{k}' is not supported by the test validator")),
        }
    }

    fn check_type(&mut self, arg: &Value, doc: &Value, at: &str) {
        let is = |t: &str| match t {
            "object" => doc.is_object(),
            "array" => doc.is_array(),
            "string" => doc.is_string(),
            "boolean" => doc.is_boolean(),
            "null" => doc.is_null(),
            "number" => doc.is_number(),
            "integer" => doc.is_i64() || doc.is_u64() || doc.as_f64().is_some_and(|f| f.fract() == 0.0),
            _ => false,
        };
        let ok = match arg {
            Value::String(t) => is(t),
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(is),
            _ => false,
        };
        if !ok {
            self.fail(at, format!("{doc} is not of type {arg}"));
        }
    }

    fn check_ref(&mut self, arg: &Value, doc: &Value, at: &str) {
        let target = arg.as_str().and_then(|r| r.strip_prefix('#')).and_then(|p| self.root.pointer(p));
        match target {
            Some(t) => self.check(t, doc, at),
            None => self.fail(at, format!("unresolvable $ref {arg}")),
        }
    }

    fn check_object(
        &mut self,
        s: &'a Map<String, Value>,
        key: &str,
        arg: &'a Value,
        obj: &Map<String, Value>,
        at: &str,
    ) {
        match key {
            "properties" => {
                for (name, sub) in arg.as_object().into_iter().flatten() {
                    if let Some(v) = obj.get(name) {
                        self.check(sub, v, &format!("{at}/{name}"));
                    }
                }
            }
            "required" => {
                for name in arg.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !obj.contains_key(name) {
                        self.fail(at, format!("missing required property '{name}'"));
                    }
                }
            }
            "additionalProperties" => {
                let known = s.get("properties").and_then(Value::as_object);
                for (name, v) in obj {
                    if !known.is_some_and(|k| k.contains_key(name)) {
                        self.check(arg, v, &format!("{at}/{name}"));
                    }
                }
            }
            _ => {
                if obj.len() as u64 > arg.as_u64().unwrap_or(0) {
                    self.fail(at, format!("more than {arg} properties"));
                }
            }
        }
    }

    fn check_array(
        &mut self,
        s: &'a Map<String, Value>,
        key: &str,
        arg: &'a Value,
        items: &[Value],
        at: &str,
    ) {
        match key {
            "prefixItems" => {
                for (i, (sub, v)) in arg.as_array().into_iter().flatten().zip(items).enumerate() {
                    self.check(sub, v, &format!("{at}/{i}"));
                }
            }
            "items" => {
                let skip = s.get("prefixItems").and_then(Value::as_array).map_or(0, Vec::len);
                for (i, v) in items.iter().enumerate().skip(skip) {
                    self.check(arg, v, &format!("{at}/{i}"));
                }
            }
            "minItems" => {
                if (items.len() as u64) < arg.as_u64().unwrap_or(0) {
                    self.fail(at, format!("fewer than {arg} items"));
                }
            }
            _ => {
                let unique = arg != &Value::Bool(true)
                    || items.iter().enumerate().all(|(i, v)| !items[..i].contains(v));
                if !unique {
                    self.fail(at, "items are not unique".into());
                }
            }
        }
    }

    fn check_number(&mut self, key: &str, arg: &Value, doc: &Value, at: &str) {
        let (Some(x), Some(bound)) = (doc.as_f64(), arg.as_f64()) else { return };
        let ok = match key {
            "minimum" => x >= bound,
            "maximum" => x <= bound,
            _ => bound != 0.0 && (x / bound).fract() == 0.0,
        };
        if !ok {
            self.fail(at, format!("{doc} violates {key} {arg}"));
        }
    }
}
