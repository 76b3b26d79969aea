# __new__ returning an existing instance: a singleton.
class Config:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.values = {}
        return cls._instance


a = Config()
b = Config()
a.values["debug"] = True
print(a is b, b.values)
