"""Request guards that run before validation: the cost of a query (lists multiply what they
hold), priced with the values execution will use, refuses the whole request with a top-level
error before anything runs, and so does a `first` out of range. (A member's write rate is
counted in each write's own transaction: resolvers.request.writes.)"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from graphql import (
    OperationType as GraphQLOperationType,
)
from graphql.execution.values import get_variable_values
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from resolvers.errors import BadUserInput, RateLimited
from resolvers.request.pages import MAX_FIRST
from schema.pipeline.masking import as_graphql_error
from settings import Settings


class QueryTooComplex(GraphQLError):
    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "QUERY_TOO_COMPLEX"})


# What a field reads beyond its page: a search ranks up to its reach of 1,000 matches (R22) and
# people you may know ranks the second ring (R21), whatever the page. Priced so that one request
# holds about twenty of them, not the thirty its aliases would allow.
READS = {"searchMembers": 200, "peopleYouMayKnow": 200}


@functools.lru_cache(maxsize=4)  # one schema per app; tests build many
def list_sizes(schema: GraphQLSchema) -> dict[str, int]:
    """Every field name that takes `first`, with the default of its `first`. Once per schema:
    walking every type on each request cost 0.4 ms."""
    sizes: dict[str, int] = {}
    for type_ in schema.type_map.values():
        for name, field in (getattr(type_, "fields", None) or {}).items():
            first = getattr(field, "args", {}).get("first")
            if first is not None:
                sizes[name] = max(sizes.get(name, 0), int(first.default_value or 20))
    return sizes


def coerced_variables(
    schema: GraphQLSchema, operation: OperationDefinitionNode, sent: dict[str, Any]
) -> dict[str, Any] | None:
    """The variables as execution will see them: the operation's defaults filled in, `100.0`
    made 100. None when they are invalid: execution then refuses the request before it runs."""
    try:
        values = get_variable_values(schema, operation.variable_definitions or (), sent)
    except GraphQLError:
        return None
    return None if isinstance(values, list) else dict(values.coerced)


class QueryCost:
    """Each field costs 1 plus what it holds (plus what it reads, READS); a list holds `first`
    times its items. A `first` outside 0..MAX_FIRST refuses the whole request, as a literal or
    as a variable's value or default."""

    def __init__(
        self,
        sizes: dict[str, int],
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
    ) -> None:
        self.sizes, self.fragments, self.variables = sizes, fragments, variables

    def of(self, selections: SelectionSetNode | None, seen: frozenset[str] = frozenset()) -> int:
        total = 0
        for selection in selections.selections if selections else ():
            if isinstance(selection, FieldNode):
                inner = self.of(selection.selection_set, seen)
                reads = READS.get(selection.name.value, 0)
                total += 1 + reads + self._size(selection) * inner
            elif isinstance(selection, InlineFragmentNode):
                total += self.of(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:  # cycles are invalid anyway
                    total += self.of(fragment.selection_set, seen | {name})
        return total

    def _size(self, field: FieldNode) -> int:
        name = field.name.value
        if name not in self.sizes or field.selection_set is None:
            return 1
        size = self._first(field)
        if size is None:
            return self.sizes[name]
        if not 0 <= size <= MAX_FIRST:
            raise BadUserInput(f"`first` must be between 0 and {MAX_FIRST}")
        return size

    def _first(self, field: FieldNode) -> int | None:
        """The field's `first` as execution will take it; None for the schema's default."""
        for argument in field.arguments or ():
            if argument.name.value != "first":
                continue
            if isinstance(argument.value, IntValueNode):
                return int(argument.value.value)
            if isinstance(argument.value, VariableNode):
                value = self.variables.get(argument.value.name.value)
                return value if isinstance(value, int) else None
        return None


class RequestGuards(SchemaExtension):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            try:
                self._check_cost(document.definitions)
            except QueryTooComplex as refused:
                # Set before validation runs: strawberry then answers with this error alone.
                context.pre_execution_errors = [refused]
            except (BadUserInput, RateLimited) as refused:
                context.pre_execution_errors = [as_graphql_error(refused)]
        yield

    def _check_cost(self, definitions: Any) -> None:
        schema = self.execution_context.schema._schema
        fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
        for definition in definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            sent = self.execution_context.variables or {}
            variables = coerced_variables(schema, definition, sent)
            if variables is None:
                continue
            total = QueryCost(list_sizes(schema), fragments, variables).of(definition.selection_set)
            if total > self.settings.max_query_cost:
                raise QueryTooComplex(
                    f"This query would cost {total}; the limit is "
                    f"{self.settings.max_query_cost} (lists count `first` times)."
                )
            if definition.operation is GraphQLOperationType.QUERY and self._runs(definition):
                self._charge_reads(total)

    def _runs(self, operation: OperationDefinitionNode) -> bool:
        """Whether the request runs this operation of its document."""
        name = self.execution_context.operation_name
        return name is None or (operation.name is not None and operation.name.value == name)

    def _charge_reads(self, cost: int) -> None:
        """A signed-in query's cost counts against its member's read budget (RATE_LIMITED
        beyond it; resolvers.access.read_budget). The unit tests' small schemas have no such
        context."""
        context = self.execution_context.context
        services = getattr(context, "services", None)
        if services is not None and services.reads is not None and context.viewer_id:
            services.reads.charge(context.viewer_id, cost, context.now)


class StartSessionCheckForWrites(SchemaExtension):
    """A mutation asks whether the token's session stands (R24) as it begins, beside its work,
    so that its commit, which waits for the answer, seldom waits long; a query leaves the answer
    to its member card query (resolvers.access.session)."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if self.execution_context.operation_type is OperationType.MUTATION and context.session:
            context.session.start()
        yield
