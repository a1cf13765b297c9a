"""Parsing and validation done once per distinct query text, not once per request.

Clients send the same few operations over and over; graphql-core's parse and validate cost
about as much as a fast database query. Strawberry's own caches do not fit: its ParserCache
parses inside the extension, so a refused document (the token limit) loses its error code, and
its ValidationCache keys by the rule classes, which the depth and alias limiters make anew for
every request. Here strawberry parses and validates as always; a text it accepted is kept, and
the next request with the same text skips the step. The rules are the same for every request
of a schema, so a text's validation result is too.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Generic, TypeVar

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension

T = TypeVar("T")


class LruByText(Generic[T]):
    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self.items: OrderedDict[str, T] = OrderedDict()

    def get(self, text: str | None) -> T | None:
        if text is None or text not in self.items:
            return None
        self.items.move_to_end(text)
        return self.items[text]

    def put(self, text: str, value: T) -> None:
        self.items[text] = value
        if len(self.items) > self.maxsize:
            self.items.popitem(last=False)


class ParseByText(SchemaExtension):
    def __init__(self, cache: LruByText[DocumentNode]) -> None:
        self.cache = cache

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        document = self.cache.get(context.query)
        if document is not None:
            context.graphql_document = document  # strawberry then skips its parse
        yield
        if document is None and context.query and context.graphql_document is not None:
            self.cache.put(context.query, context.graphql_document)


class ValidationByText(SchemaExtension):
    """List it after every extension that refuses a request in its own `on_validate` (the
    request guards): those see each request, and a request they refused is not kept."""

    def __init__(self, cache: LruByText[list[GraphQLError]]) -> None:
        self.cache = cache

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.pre_execution_errors is not None:
            yield  # refused already by a guard: strawberry answers with that alone
            return
        cached = self.cache.get(context.query)
        if cached is not None:
            context.pre_execution_errors = list(cached)  # strawberry then skips validation
            yield
            return
        yield  # strawberry validates now
        if context.query and context.pre_execution_errors is not None:
            self.cache.put(context.query, list(context.pre_execution_errors))
