//! `faqlint.schema.json` (the config's JSON Schema, for editors) is generated from the config
//! types. This test fails when it is stale; `FAQLINT_UPDATE_SCHEMA=1 cargo test` rewrites it.

use std::path::PathBuf;

#[test]
fn config_schema_is_fresh() {
    let schema = schemars::schema_for!(faqlint::config::Config);
    let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("faqlint.schema.json");
    if std::env::var_os("FAQLINT_UPDATE_SCHEMA").is_some() {
        faqlint::fix::write_atomic(&path, generated.as_bytes()).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "faqlint.schema.json is stale: run `FAQLINT_UPDATE_SCHEMA=1 cargo test --test schema`"
    );
}

#[test]
fn schema_rejects_unknown_top_level_keys() {
    let schema = schemars::schema_for!(faqlint::config::Config);
    let value = serde_json::to_value(&schema).unwrap();
    assert_eq!(
        value["additionalProperties"],
        serde_json::Value::Bool(false)
    );
}
