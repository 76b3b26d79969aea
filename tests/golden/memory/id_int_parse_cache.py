print(int('256') is int('256'))
print(int('257') is int('257'))
print(int('-5') is int('-5'))
print(int('-6') is int('-6'))
