# An IndentationError in an imported module.
import mod_bad_indent
