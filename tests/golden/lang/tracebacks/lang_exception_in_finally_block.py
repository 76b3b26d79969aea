try:
    raise ValueError("original")
finally:
    print(missing_name)
