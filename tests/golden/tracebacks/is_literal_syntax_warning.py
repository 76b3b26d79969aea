# CPython warns at compile time (on stderr) and still runs the program.
x = 256
print(x is 256)
print("done")
