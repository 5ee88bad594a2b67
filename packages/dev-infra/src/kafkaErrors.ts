/**
 * The Kafka error `type`s (e.g. TOPIC_AUTHORIZATION_FAILED) along a kafkajs error's cause chain:
 * kafkajs wraps the broker's error in retry and aggregate errors, so tests that assert a denial
 * look through all of them.
 */
export function kafkaErrorTypes(error: unknown): string[] {
  const types: string[] = [];
  let current: any = error;
  for (let depth = 0; current && depth < 10; depth++) {
    if (typeof current.type === 'string') {
      types.push(current.type);
    }
    for (const nested of current.errors ?? []) {
      types.push(...kafkaErrorTypes(nested));
    }
    current = current.cause ?? current.originalError;
  }
  return types;
}
