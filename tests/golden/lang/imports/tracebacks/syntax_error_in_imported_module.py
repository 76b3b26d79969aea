# A syntax error in an imported module shows the importing line, then the error's location.
import mod_ok
import mod_bad_syntax
