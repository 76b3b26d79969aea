text = """first line
second line
print(text)
