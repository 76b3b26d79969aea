# An uncaught FileNotFoundError prints CPython's traceback and exits with status 1.
data = open("missing_file_uncaught.txt").read()
