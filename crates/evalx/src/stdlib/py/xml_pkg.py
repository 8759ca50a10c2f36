# evalx's xml package: holds xml.etree (ElementTree).
