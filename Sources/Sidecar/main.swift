import Engine
print("interceptor")
