class Bad:
    def __enter__(self):
        raise ValueError("enter failed")
    def __exit__(self, *a):
        print("exit not called")
try:
    with Bad():
        print("body")
except ValueError as e:
    print(e)
