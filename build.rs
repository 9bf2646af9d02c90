//! Build script: on Windows targets, compile the icon, version information and manifest
//! into the executable (embed-resource runs windres for MinGW and rc.exe for MSVC).
//! Elsewhere it does nothing. The .rc is written here so that its version is Cargo's.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/windows/parkledger.manifest");
    println!("cargo:rerun-if-changed=assets/icon/parkledger.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut parts: Vec<u16> = version.split(['.', '-']).filter_map(|p| p.parse().ok()).collect();
    parts.resize(4, 0);
    let numeric = parts.iter().map(u16::to_string).collect::<Vec<_>>().join(",");
    // Resource compilers read forward slashes on every host; backslashes would need escaping.
    let path = |rel: &str| root.join(rel).display().to_string().replace('\\', "/");
    let rc = format!(
        r#"#pragma code_page(65001)
#include <winver.h>
1 ICON "{icon}"
1 24 "{manifest}"
VS_VERSION_INFO VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404B0"
    BEGIN
      VALUE "CompanyName", "ParkLedger"
      VALUE "FileDescription", "ParkLedger 园区台账"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "parkledger"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
      VALUE "OriginalFilename", "parkledger.exe"
      VALUE "ProductName", "ParkLedger 园区台账"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#,
        icon = path("assets/icon/parkledger.ico"),
        manifest = path("assets/windows/parkledger.manifest"),
    );
    let rc_path = out.join("parkledger.rc");
    if let Err(e) = std::fs::write(&rc_path, rc) {
        panic!("cannot write {}: {e}", rc_path.display());
    }
    if let Err(e) = embed_resource::compile(&rc_path, embed_resource::NONE).manifest_required() {
        panic!("cannot compile the Windows resource: {e}");
    }
}
