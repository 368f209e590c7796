import { Navigate } from 'react-router';
import { useAccount } from '../auth/useAuth';
import { BuyerHome } from './buyer/BuyerHome';

/** Each role starts where its work is. */
export function WorkspaceHome() {
  const account = useAccount();
  switch (account.role) {
    case 'seller_member':
      return <Navigate to="/dashboard" replace />;
    case 'province_officer':
      return <Navigate to="/organisations" replace />;
    case 'platform_admin':
      return <Navigate to="/accounts" replace />;
    case 'buyer':
      return <BuyerHome />;
  }
}
