import { useQuery } from "@tanstack/react-query";
import { ApiError, api, type Me } from "./api";

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      try {
        return await api<Me>("/api/v1/auth/me");
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
  });
}

/** Deployment facts (demo mode, database kind). */
export function useMeta() {
  return useQuery({
    queryKey: ["meta"],
    queryFn: () => api<{ name: string; version: string; database: string; demo: boolean }>("/api/v1/meta"),
  });
}
