# Marks templates/ as the package `docgen.templates` so an installed docgen carries its templates.
