# A file object without write() gives AttributeError.
print("x", file=42)
