PKG = "pkg"
