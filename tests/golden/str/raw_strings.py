print(r"\n is not a newline")
print(r'C:\path\to')
print(len(r"\t"))
print(repr(r"\d+"))
