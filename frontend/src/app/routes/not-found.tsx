import { NotFoundView } from '@/components/states';

export default function NotFoundRoute() {
  return <NotFoundView />;
}
