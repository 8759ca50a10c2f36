# evalx's xml.etree package: holds xml.etree.ElementTree.
