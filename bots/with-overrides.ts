/**
 * `target` with some of its methods replaced; every other property passes through, methods bound to
 * `target`. Why a Proxy: botbuilder's authentication is an abstract class with many methods, and the
 * wrappers around it (client reuse, the server's guards) change two or three of them.
 */
export function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const override = overrides[property as keyof T];
      if (override) return override;
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
