def read(lines):
    for l in lines:
        yield l.strip()
def nonempty(it):
    return (l for l in it if l)
def upper(it):
    for l in it:
        yield l.upper()
data = ["  a\n", "\n", "bc ", ""]
print(list(upper(nonempty(read(data)))))
