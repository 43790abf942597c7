/**
 * Validation at the edge with the zod schemas from `@spil/shared`, and the
 * same schemas as JSON Schema in OpenAPI.
 */
import {
  applyDecorators,
  Body,
  createParamDecorator,
  type ExecutionContext,
  type PipeTransform,
  Param,
} from '@nestjs/common';
import type { Request } from 'express';
import { ApiBody, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { TOTAL_COUNT_HEADER } from '@spil/shared';
import { SpilError } from './errors';
import { nulPath } from './pg-text';

export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}
  transform(value: unknown): z.infer<T> {
    const nul = nulPath(value);
    if (nul !== null)
      throw new SpilError(
        'validation.invalid',
        nul || undefined,
        nul
          ? `Ongeldige invoer bij '${nul}': een niet toegestaan teken (U+0000)`
          : 'Ongeldige invoer: een niet toegestaan teken (U+0000)',
      );
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    const message = field
      ? `Ongeldige invoer bij '${field}': ${issue?.message}`
      : `Ongeldige invoer: ${issue?.message}`;
    throw new SpilError('validation.invalid', field, message);
  }
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** A query parameter's schema: what the field accepts (a string in the URL), with its enum or format. */
function queryParamSchema(field: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(field, { io: 'output', unrepresentable: 'any' });
  const { $schema: _, ...rest } = s as Record<string, unknown>;
  return Object.keys(rest).length ? rest : { type: 'string' };
}

/** Validated request body, documented in OpenAPI. Use with `@ApiZodBody(schema)` on the method. */
export const ZodBody = <T extends z.ZodType>(schema: T) => Body(new ZodPipe(schema));
export const ZodParams = <T extends z.ZodType>(schema: T) => Param(new ZodPipe(schema));
/**
 * The whole query string, validated. A custom decorator rather than `@Query()`:
 * Swagger would try to read the inferred type as a model class; the query is
 * documented with `ApiZodQuery` instead.
 */
const RawQuery = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Request>().query,
);
export const ZodQuery = <T extends z.ZodType>(schema: T) => RawQuery(new ZodPipe(schema));

export const ApiZodBody = (schema: z.ZodType) => ApiBody({ schema: jsonSchema(schema) });
export const ApiZodResponse = (
  status: number,
  schema: z.ZodType,
  description = '',
  headers?: Record<string, { description: string; schema: Record<string, unknown> }>,
) => ApiResponse({ status, description, schema: jsonSchema(schema), headers });

/**
 * A paged list of households: 200 with a JSON array of `item`, and the number
 * of matches before paging in the `X-Total-Count` header, which the handler sets.
 */
export const ApiPagedResponse = (item: z.ZodType) =>
  ApiZodResponse(200, z.array(item), '', {
    [TOTAL_COUNT_HEADER]: {
      description: 'Number of matching households before paging',
      schema: { type: 'integer' },
    },
  });

export function ApiZodParams(schema: z.ZodObject) {
  return applyDecorators(
    ...Object.keys(schema.shape).map((name) =>
      ApiParam({ name, schema: { type: 'string', format: 'uuid' } }),
    ),
  );
}
export function ApiZodQuery(schema: z.ZodObject) {
  return applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) =>
      ApiQuery({
        name,
        required: false,
        schema: queryParamSchema(field as z.ZodType),
        description: (field as z.ZodType).description,
      }),
    ),
  );
}
