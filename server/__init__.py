"""The edge: what speaks HTTP and WebSocket (Starlette, uvicorn) around the GraphQL layer.

app        the ASGI app: routes, the lifespan that owns the driver and the process's services,
           the GraphQL view with its context, and the answers of a refused request
websocket  graphql-transport-ws as R27 wants it, and the limits a hostile peer meets
middleware the body cap, security headers and the GraphQL response media type
timing     the Server-Timing header
errors     the one writer of a GraphQL error body for a request refused at the edge

Imports go one way: server/ -> schema/ -> resolvers/ -> cypher/; settings/ is a leaf every
layer may read (tests/unit/test_layers.py).
"""
