# A syntax error anywhere stops the whole file before the first line runs.
print("this line must not run")
x = 1
y = (x +
